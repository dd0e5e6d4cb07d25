/**
 * The replay deployment: a projector that is deployed after the history is stored, so that it starts at the
 * first event and replays it all, and the meter that tells the benchmark how fast it went. Deployed as its own
 * WAR beside the benchmark application, as a new read model would be.
 */
package io.recq.bench.replay;
