package io.recq.cdi.it.broken;

import io.recq.api.SagaState;

public class CartState extends SagaState {
}
