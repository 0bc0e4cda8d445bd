from . import party_score_compare
from . import party_score_correction
