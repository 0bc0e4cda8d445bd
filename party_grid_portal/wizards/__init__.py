from . import party_ticket_reply_wizard
