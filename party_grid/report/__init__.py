from . import party_ticket_report
from . import party_visit_duty_report
from . import party_report_month_label
