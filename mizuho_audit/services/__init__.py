"""Qt-free jobs shared by the window, the command line, the tests and the benchmarks."""
