from kdefense.cli import main

main()
