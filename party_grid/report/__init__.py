from . import party_ticket_report
