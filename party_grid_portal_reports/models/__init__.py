from . import party_report_builder
