"""A generic multi-step form engine and the registration wizard built on it.

`steps.py` declares what a step is, `run.py` one wizard in progress, `storage.py`
where runs live, `engine.py` the views and rules, `registration.py` the sign-up.
"""

from wizard.engine import Wizard
from wizard.run import Run
from wizard.steps import Answers
from wizard.steps import Step

__all__ = ["Answers", "Run", "Step", "Wizard"]
