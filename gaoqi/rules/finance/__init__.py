"""Pure rules of 金融惠企: the risk-compensation pool's share of a loss, and product ↔ demand fit in bulk."""
