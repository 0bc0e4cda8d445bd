from . import test_reports
from . import test_uninstall
from . import test_points
from . import test_dashboard
from . import test_home
from . import test_landing_tour
