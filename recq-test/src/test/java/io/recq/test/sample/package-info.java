/**
 * A small bank used by the test kit's own tests: a bank account aggregate, a money transfer saga, and an
 * accounts projector with its projection over a JPA read model.
 */
package io.recq.test.sample;
