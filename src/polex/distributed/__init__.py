"""Scale-out: the pipeline mapped over partitions on Dask distributed, Parquet out,
and a bulk merge of that Parquet into the DuckDB store."""

from polex.distributed.load import LoadSummary, load_parquet
from polex.distributed.partitions import Partition, partition_key, split_partitions
from polex.distributed.run import DistributedSummary, PartitionFailure, run_distributed
from polex.distributed.worker import PartitionOutput, PartitionTask, code_partition

__all__ = [
    "DistributedSummary",
    "LoadSummary",
    "Partition",
    "PartitionFailure",
    "PartitionOutput",
    "PartitionTask",
    "code_partition",
    "load_parquet",
    "partition_key",
    "run_distributed",
    "split_partitions",
]
