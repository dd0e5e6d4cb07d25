package io.recq.example.todolist.domain;

import io.recq.api.SagaState;

/** The state of one {@link ArchiveSaga} instance. */
public class ArchiveSagaState extends SagaState {

    private String listId;
    private boolean archiveRequested;

    public String getListId() {
        return listId;
    }

    public void setListId(String listId) {
        this.listId = listId;
    }

    public boolean isArchiveRequested() {
        return archiveRequested;
    }

    public void setArchiveRequested(boolean archiveRequested) {
        this.archiveRequested = archiveRequested;
    }
}
