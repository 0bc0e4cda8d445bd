from . import party_visit_duty_report
