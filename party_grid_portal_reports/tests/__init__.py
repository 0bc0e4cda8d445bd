from . import test_report_qr
