"""Scoring a published release against gold annotations; blind batches and the learning curve."""
