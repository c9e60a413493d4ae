#!/bin/sh
# dmicro: the DMicro command line. This file is a shell script with the runnable jar appended;
# the JVM reads the jar from the end of the file. JAVA_HOME or java on the PATH (17+) runs it;
# DMICRO_JAVA_OPTS adds JVM options. Short commands start faster with the C1 compiler only;
# bench gets the full JIT.
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
case "$1" in
  bench) FAST="" ;;
  *) FAST="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC" ;;
esac
exec "$JAVA" $FAST $DMICRO_JAVA_OPTS -jar "$0" "$@"
