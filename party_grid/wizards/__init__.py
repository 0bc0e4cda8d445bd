from . import party_member_leave_wizard
