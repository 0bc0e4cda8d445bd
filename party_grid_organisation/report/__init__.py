from . import party_contact_load
from . import party_contact_chain
