"""`python -m yilian.synth --docs N --seed S -o DIR`"""
import sys

from . import main

sys.exit(main())
