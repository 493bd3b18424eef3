"""``python -m newsfacts``: the command line."""

from newsfacts.cli import main

if __name__ == "__main__":
    main()
