"""The compiled read path: plain queries answered by one SQL statement (see extension)."""

from schema.compiled.extension import CompiledReads, compiled_reads, normal_path

__all__ = ["CompiledReads", "compiled_reads", "normal_path"]
