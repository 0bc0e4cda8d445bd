from . import test_scoring_compute
from . import test_scoring_rules
from . import test_scoring_access
