from . import test_party_grid
from . import test_party_member
from . import test_party_household
from . import test_security
from . import test_import
from . import test_party_ticket
from . import test_party_ticket_access
from . import test_party_ticket_report
