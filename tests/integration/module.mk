# integration test programs
