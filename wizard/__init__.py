"""A generic multi-step form engine (`engine.py`) and the registration wizard built on it."""

from wizard.engine import Answers
from wizard.engine import Run
from wizard.engine import Step
from wizard.engine import Wizard

__all__ = ["Answers", "Run", "Step", "Wizard"]
