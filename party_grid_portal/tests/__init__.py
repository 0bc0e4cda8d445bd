from . import test_portal_submit
from . import test_portal_follow
from . import test_portal_tour
