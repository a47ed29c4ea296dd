"""`python -m kdefense`: the command line."""

if __name__ == "__main__":
    from kdefense.cli import main

    main()
