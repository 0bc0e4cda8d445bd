from . import test_reports
from . import test_uninstall
from . import test_points
from . import test_dashboard
