from . import party_grid_report_wizard
