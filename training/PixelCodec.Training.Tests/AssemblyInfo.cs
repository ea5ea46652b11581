// The tests share one libtorch (its thread pool and the shim's live-handle count): run them one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
