from . import base_import
from . import party_member_leave_wizard
from . import party_ticket_wizard
