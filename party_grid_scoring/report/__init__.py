from . import party_score_total
from . import party_score_quarter
