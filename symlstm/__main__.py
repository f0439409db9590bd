"""``python -m symlstm``."""
import sys

from .commands.cli import main

sys.exit(main())
