#!/bin/sh
echo "args: $1 $2"
echo ran > "$3"
