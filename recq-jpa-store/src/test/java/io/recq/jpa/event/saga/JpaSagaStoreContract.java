package io.recq.jpa.event.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.recq.cdi.spi.SagaInstance;
import io.recq.jpa.StoreDatabase;
import io.recq.jpa.event.ConsumerTables;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JpaSagaStoreContract {

    private final StoreDatabase database;

    JpaSagaStoreContract(StoreDatabase.Kind kind) {
        this.database = StoreDatabase.create(kind);
    }

    @AfterAll
    void dropDatabase() {
        database.close();
    }

    @BeforeEach
    void emptyStore() {
        ConsumerTables.clear(database);
    }

    private void save(SagaInstance instance) {
        database.inTransaction(em -> {
            new JpaSagaStore(em).save(instance);
            return null;
        });
    }

    private List<SagaInstance> find(String type, String property, String value) {
        return database.inTransaction(em -> new JpaSagaStore(em).findByAssociation(type, property, value));
    }

    @Test
    void findsAnInstanceByEachOfItsAssociations() {
        // given
        save(new SagaInstance("s-1", "TransferSaga", "{\"step\":1}", Map.of("transferId", "t-1", "accountId", "a-9")));

        // when
        List<SagaInstance> byTransfer = find("TransferSaga", "transferId", "t-1");
        List<SagaInstance> byAccount = find("TransferSaga", "accountId", "a-9");

        // then
        assertThat(byTransfer).singleElement().satisfies(found -> {
            assertThat(found.sagaId()).isEqualTo("s-1");
            assertThat(found.stateJson()).isEqualTo("{\"step\":1}");
            assertThat(found.associations()).isEqualTo(Map.of("transferId", "t-1", "accountId", "a-9"));
        });
        assertThat(byAccount).extracting(SagaInstance::sagaId).containsExactly("s-1");
    }

    @Test
    void findsOnlyInstancesOfTheSameSagaWithTheSameValue() {
        // given
        save(new SagaInstance("s-1", "TransferSaga", "{}", Map.of("accountId", "a-1")));
        save(new SagaInstance("s-2", "TransferSaga", "{}", Map.of("accountId", "a-1")));
        save(new SagaInstance("s-3", "TransferSaga", "{}", Map.of("accountId", "a-2")));
        save(new SagaInstance("s-4", "AuditSaga", "{}", Map.of("accountId", "a-1")));

        // when
        List<SagaInstance> found = find("TransferSaga", "accountId", "a-1");

        // then
        assertThat(found).extracting(SagaInstance::sagaId).containsExactly("s-1", "s-2");
    }

    @Test
    void savingReplacesStateAndAssociations() {
        // given
        save(new SagaInstance("s-1", "TransferSaga", "{\"step\":1}", Map.of("transferId", "t-1", "from", "a-1")));

        // when: "from" is removed, "to" added, "transferId" kept
        save(new SagaInstance("s-1", "TransferSaga", "{\"step\":2}", Map.of("transferId", "t-1", "to", "a-2")));

        // then
        assertThat(find("TransferSaga", "from", "a-1")).isEmpty();
        assertThat(find("TransferSaga", "to", "a-2")).singleElement()
                .satisfies(s -> assertThat(s.stateJson()).isEqualTo("{\"step\":2}"));
        assertThat(find("TransferSaga", "transferId", "t-1")).hasSize(1);
    }

    @Test
    void deletingRemovesTheInstanceAndItsAssociations() {
        // given
        save(new SagaInstance("s-1", "TransferSaga", "{}", Map.of("transferId", "t-1")));

        // when
        database.inTransaction(em -> {
            new JpaSagaStore(em).delete("s-1");
            return null;
        });

        // then
        assertThat(find("TransferSaga", "transferId", "t-1")).isEmpty();
        long left = database.inTransaction(em -> new JpaSagaStore(em).count("TransferSaga"));
        assertThat(left).isZero();
    }

    @Test
    void aTransactionThatLoadedAnInstanceBeforeAnotherChangedItCannotOverwriteIt() {
        // given: the first transaction has loaded the instance
        save(new SagaInstance("s-1", "TransferSaga", "{\"n\":0}", Map.of("transferId", "t-1")));
        EntityManager first = database.entityManager();
        first.getTransaction().begin();
        JpaSagaStore firstStore = new JpaSagaStore(first);
        firstStore.findByAssociation("TransferSaga", "transferId", "t-1");

        // when: another transaction changes it meanwhile
        save(new SagaInstance("s-1", "TransferSaga", "{\"n\":2}", Map.of("transferId", "t-1")));

        // then
        try {
            assertThatThrownBy(() -> firstStore.save(new SagaInstance("s-1", "TransferSaga", "{\"n\":1}",
                    Map.of("transferId", "t-1")))).isInstanceOf(OptimisticLockException.class);
        } finally {
            first.getTransaction().rollback();
            first.close();
        }
        assertThat(find("TransferSaga", "transferId", "t-1")).singleElement()
                .satisfies(s -> assertThat(s.stateJson()).isEqualTo("{\"n\":2}"));
    }
}
