from . import party_score_subject
from . import party_score_total
from . import party_score_quarter
from . import party_score_year
