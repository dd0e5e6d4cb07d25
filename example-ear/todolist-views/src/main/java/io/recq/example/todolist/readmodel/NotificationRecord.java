package io.recq.example.todolist.readmodel;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/**
 * A notification that was sent about a list. Its key comes from a sequence and its time is kept as UTC in a
 * {@code LocalDateTime}: both map the same way with Hibernate (WildFly) and EclipseLink (Payara).
 */
@Entity
@Table(name = "todolist_notification", indexes = @Index(name = "todolist_notification_list", columnList = "list_id"))
public class NotificationRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "todolist_notification_ids")
    @SequenceGenerator(name = "todolist_notification_ids", sequenceName = "todolist_notification_seq",
            allocationSize = 50)
    private Long id;

    @Column(name = "list_id", nullable = false, length = 64)
    private String listId;

    @Column(name = "recipient", nullable = false, length = 100)
    private String user;

    @Column(name = "message", nullable = false, length = 300)
    private String message;

    @Column(name = "sent_at", nullable = false)
    private LocalDateTime sentAt;

    protected NotificationRecord() {
    }

    public NotificationRecord(String listId, String user, String message, Instant sentAt) {
        this.listId = listId;
        this.user = user;
        this.message = message;
        this.sentAt = LocalDateTime.ofInstant(sentAt, ZoneOffset.UTC);
    }

    public String getListId() {
        return listId;
    }

    public String getUser() {
        return user;
    }

    public String getMessage() {
        return message;
    }

    public Instant getSentAt() {
        return sentAt.toInstant(ZoneOffset.UTC);
    }
}
