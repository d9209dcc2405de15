"""docgen: 山东省特色产业集群申报表 from plain files."""
__version__ = "0.1.0"
