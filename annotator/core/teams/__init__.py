"""Teams without a server: split a corpus (assign), bring the files back (merge),
compare the annotators (agreement) and find what is left to adjudicate (review).

No SQL here: the layer tables are read and written through
``annotator.core.store.layers``.
"""

CONSENSUS = "consensus"  # the annotator name of gold rows all annotators agreed on
