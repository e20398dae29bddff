"""The policy core: regions, ID numbers, dated profiles, the rules that classify a situation, deadlines."""
