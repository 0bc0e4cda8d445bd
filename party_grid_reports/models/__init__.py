from . import party_grid
