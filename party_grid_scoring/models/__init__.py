from . import party_score_category
from . import party_score_scheme
from . import party_score_item
from . import party_score_period
from . import party_score_period_compute
from . import party_score_line
from . import party_score_objection
from . import party_score_evaluation
