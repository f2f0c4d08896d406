import sys

from callaudit.cli import main

sys.exit(main())
