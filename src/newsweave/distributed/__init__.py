"""Running newsweave over corpora that outgrow one machine (optional extra ``newsweave[spark]``).

Nothing here imports pyspark at import time: ``from newsweave.distributed.spark import spark_process``
loads it when called, so the package works without the extra installed.
"""

__all__: list[str] = []
