from . import test_channel_sync
from . import test_channel_access
from . import test_notice
from . import test_notice_escalation
from . import test_away_members
