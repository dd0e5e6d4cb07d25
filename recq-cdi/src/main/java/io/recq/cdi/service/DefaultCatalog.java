package io.recq.cdi.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.recq.api.Catalog;
import io.recq.api.RecqException;
import io.recq.cdi.model.ErrorCode;
import io.recq.cdi.spi.CatalogStore;

/**
 * The {@link Catalog} of a deployment, read from the store's catalog on every call.
 */
@ApplicationScoped
public class DefaultCatalog implements Catalog {

    private ServiceRegistry registry;
    private Instance<CatalogStore> stores;

    protected DefaultCatalog() {
        // for the proxy
    }

    @Inject
    public DefaultCatalog(ServiceRegistry registry, Instance<CatalogStore> stores) {
        this.registry = registry;
        this.stores = stores;
    }

    @Override
    public List<ServiceEntry> services() {
        return store().services(Instant.now().minus(registry.settings().expiry()));
    }

    @Override
    public Optional<ServiceEntry> service(String name) {
        return services().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    @Override
    public List<ConsumerEntry> consumers() {
        return store().consumers();
    }

    @Override
    public List<Mismatch> mismatches() {
        return mismatches(services());
    }

    @Override
    public String self() {
        return registry.serviceName();
    }

    /**
     * @param services the running services
     * @return each payload type a service sends in another JSON shape than the service that handles it reads
     */
    static List<Mismatch> mismatches(List<ServiceEntry> services) {
        List<Mismatch> found = new ArrayList<>();
        for (ServiceEntry handler : services) {
            for (MessageEntry handled : handler.messages()) {
                boolean command = handled.role().equals(ServiceRegistry.HANDLES_COMMAND);
                if (!command && !handled.role().equals(ServiceRegistry.HANDLES_QUERY)) {
                    continue;
                }
                String sendRole = command ? ServiceRegistry.SENDS_COMMAND : ServiceRegistry.SENDS_QUERY;
                for (ServiceEntry sender : services) {
                    for (MessageEntry sent : sender.messages()) {
                        if (sent.role().equals(sendRole) && sent.payloadType().equals(handled.payloadType())
                                && !sent.jsonSchema().equals(handled.jsonSchema())) {
                            found.add(new Mismatch(handled.payloadType(), handler.name(), handled.jsonSchema(),
                                    sender.name(), sent.jsonSchema()));
                        }
                    }
                }
            }
        }
        return found;
    }

    private CatalogStore store() {
        if (stores.isUnsatisfied()) {
            throw new RecqException(ErrorCode.NO_EVENT_STORE.code() + " the catalog lives in the store, and no store "
                    + "is deployed. Fix: add recq-jpa-store to the deployment (EAR/lib or WEB-INF/lib)");
        }
        return stores.get();
    }
}
