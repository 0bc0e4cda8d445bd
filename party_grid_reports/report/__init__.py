from . import party_report_builder
from . import party_report_builder_work
from . import party_report_builder_print
from . import party_report_builder_points
from . import party_report_xlsx
from . import party_report_pdf
from . import party_report_dashboard
