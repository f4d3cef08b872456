"""`python -m cxgap`."""

from cxgap.cli import main

if __name__ == "__main__":
    main()
