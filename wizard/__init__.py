"""A generic multi-step form engine and the registration wizard built on it.

`run.py` is one wizard in progress as plain data, `steps.py` what a step is,
`storage.py` and `backends.py` where runs live, `engine.py` the views and rules,
`registration.py` the sign-up.
"""

from wizard.engine import Wizard
from wizard.run import Answers
from wizard.run import Run
from wizard.steps import Step

__all__ = ["Answers", "Run", "Step", "Wizard"]
