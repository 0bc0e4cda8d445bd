from . import test_contact_pyramid
from . import test_organisation_access
from . import test_service_team
from . import test_reserve_sign
