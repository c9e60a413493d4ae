package main

import "flag"

var (
	flagString = flag.String
	flagInt    = flag.Int
	parse      = flag.Parse
)
