from . import party_portal_throttle
from . import party_grid
from . import party_ticket_portal
from . import party_ticket_rating
